import { applyDecorators } from '@nestjs/common';
import { ApiDefaultResponse, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

/** Documents that every non-2xx answer of a controller is problem+json. */
export const ApiProblems = () =>
  applyDecorators(
    ApiExtraModels(ProblemDto),
    ApiDefaultResponse({ description: 'RFC 9457 problem details', content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } } }),
  );
