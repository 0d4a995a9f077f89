import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../common/api-problems.decorator';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { BillingFindingsService } from './billing-findings.service';
import { BillingRunService, parseRunRequest } from './billing-run.service';
import { InvoiceCandidatesService } from './invoice-candidates.service';
import { CreditNotesService, parseCancel } from './credit-notes.service';
import { InvoicesService, parseCorrection } from './invoices.service';

type Body = Record<string, unknown>;
const body = (b: unknown): Body => (b && typeof b === 'object' ? (b as Body) : {});

@ApiTags('billing')
@ApiBearerAuth()
@ApiProblems()
@Controller()
export class BillingController {
  constructor(
    @Inject(BillingRunService) private readonly runs: BillingRunService,
    @Inject(InvoiceCandidatesService) private readonly candidates: InvoiceCandidatesService,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(CreditNotesService) private readonly creditNotes: CreditNotesService,
    @Inject(BillingFindingsService) private readonly findings: BillingFindingsService,
  ) {}

  @Post('billing-runs')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Group approved, rated, unbilled time of a legal entity into invoice candidates ({legalEntityId, periodEnd, periodStart?, contractIds?})' })
  async run(@CurrentPrincipal() p: Principal, @Body() b: unknown) {
    const run = await this.runs.run(p.name, parseRunRequest(b));
    // Findings go to the exception queue once the run has committed; the answer names the exceptions raised.
    return { ...run, exceptionIds: await this.findings.raiseRunFindings(p.name, run) };
  }

  @Get('invoice-candidates/:id')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'An invoice candidate with its lines, review state and lineage' })
  candidate(@Param('id') id: string) {
    return this.candidates.get(id);
  }

  @Post('invoice-candidates/:id/write-down')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Write a line down ({lineId, amount, reason})' })
  writeDown(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.candidates.edit(p.name, id, 'write-down', body(b));
  }

  @Post('invoice-candidates/:id/hold')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Hold a line out of the invoice ({lineId, reason}); its time stays unbilled' })
  hold(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.candidates.edit(p.name, id, 'hold', body(b));
  }

  @Post('invoice-candidates/:id/approve')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Approve a candidate in review ({reason?})' })
  approve(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.candidates.edit(p.name, id, 'approve', body(b));
  }

  @Post('invoice-candidates/:id/reject')
  @HttpCode(200)
  @Roles('operator')
  @ApiOperation({ summary: 'Reject a candidate in review ({reason}); its time is proposed again by the next run' })
  reject(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.candidates.edit(p.name, id, 'reject', body(b));
  }

  @Post('invoice-candidates/:id/finalise')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Finalise an approved candidate: gapless number, tax, journal, billed-once links ({issueDate?, purchaseOrderNumber?})' })
  async finalise(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    try {
      return await this.candidates.finalise(p.name, id, body(b));
    } catch (err) {
      // The refusal rolled the finalisation back; one that needs master data fixed is queued for finance.
      await this.findings.raiseRefusal(p.name, id, err);
      throw err;
    }
  }

  @Get('invoices/:id')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'An invoice with lineage per line, its journal, credit notes and billed-once links' })
  invoice(@Param('id') id: string) {
    return this.invoices.get(id);
  }

  @Post('invoices/:id/corrections')
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Correct an issued invoice: a difference credit note, a full credit note and a re-invoice, or a full credit note that releases the work for re-billing ({policy: difference | fullCreditAndReinvoice | fullCredit, lines: [{lineId, amount}], reason, issueDate?})' })
  correct(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.invoices.correct(p.name, id, parseCorrection(b));
  }

  @Get('credit-notes/:id')
  @Roles('operator', 'auditor')
  @ApiOperation({ summary: 'A credit note with its journal, and its cancellation (reversal journal) when cancelled' })
  creditNote(@Param('id') id: string) {
    return this.creditNotes.get(id);
  }

  @Post('credit-notes/:id/cancel')
  @HttpCode(200)
  @Roles('operator')
  @Idempotent()
  @ApiOperation({ summary: 'Cancel a credit note ({reason, date?}): void, reversal journal; a full credit note links its released work back to the invoice' })
  cancelCreditNote(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() b: unknown) {
    return this.creditNotes.cancel(p.name, id, parseCancel(b));
  }
}
