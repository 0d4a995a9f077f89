import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppError } from '../common/app-error';
import { validateBody } from '../common/json-schema.validator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { issueDevToken } from './dev-token';
import { Principal } from './principal';
import { Public, Roles } from './roles.decorator';
import { ROLES } from './roles';
import { ApiProblems } from '../common/api-problems.decorator';

class DevTokenDto {
  @ApiProperty({ example: 'alice' })
  user!: string;
}

const DEV_TOKEN_SCHEMA = { type: 'object', additionalProperties: false, required: ['user'], properties: { user: { type: 'string', minLength: 1, maxLength: 100 } } };

@ApiTags('auth')
@ApiProblems()
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** Designer sign-in for demo users; exists only in AUTH_MODE=dev (404 in oidc mode). */
  @Post('dev-token')
  @HttpCode(200)
  @Public()
  @ApiBody({ type: DevTokenDto })
  @ApiOperation({ summary: 'AUTH_MODE=dev only: a signed token for a demo user' })
  async devToken(@Body() body: unknown) {
    if (this.config.authMode !== 'dev') throw new AppError('DEV_TOKENS_DISABLED', 'Dev tokens are disabled; sign in with your identity provider.');
    const { user } = validateBody<DevTokenDto>(DEV_TOKEN_SCHEMA, body);
    const found = await this.users.requireUser(user);
    return { tokenType: 'Bearer', user: found.name, roles: found.roles, accessToken: await issueDevToken(this.config.dataDir, found) };
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  me(@CurrentPrincipal() p: Principal) {
    return p;
  }
}
