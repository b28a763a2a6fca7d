// GET /aisp/accounts, /aisp/accounts/{AccountId}, /balances, /transactions (CON-7): PSU tokens
// (authorization code) only, served within the consent's Permissions, selected accounts and
// transaction window.
import { Controller, Get, Inject, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CORE_BANK, type BankAccount, type BankTransaction, type CoreBank } from '@grantline/core-bank';
import { Principal, ProtectedResourceGuard, RequireScopes, type VerifiedPrincipal } from '@grantline/oauth';
import { ConsentStore } from '../consents/consent-store';
import type { Consent } from '../consents/domain/consent.decider';
import { ObResponder } from '../open-banking/ob-exchange';
import { obQueryDateTime } from '../open-banking/ob-date-time';
import { badRequest, forbidden } from '../open-banking/ob-error';
import { consentOfToken, requireAnyPermission, requireSelectedAccount } from './account-access';
import { OpenBankingApiDocs, ReadDocs } from '../open-banking/open-banking.openapi';

@Controller('open-banking/v4.0/aisp/accounts')
@OpenBankingApiDocs('accounts')
@UseGuards(ProtectedResourceGuard)
@RequireScopes('accounts')
export class AccountsController {
  constructor(
    private readonly consents: ConsentStore,
    private readonly responder: ObResponder,
    @Inject(CORE_BANK) private readonly bank: CoreBank,
  ) {}

  @Get()
  @ReadDocs('The accounts the PSU selected for this consent')
  async list(@Principal() principal: VerifiedPrincipal, @Res() reply: FastifyReply): Promise<void> {
    const consent = await this.consentOf(principal, 'ReadAccountsBasic', 'ReadAccountsDetail');
    const accounts = await Promise.all(consent.accountIds.map((accountId) => this.bank.account(accountId)));
    await this.responder.send(reply, 200, {
      Data: { Account: accounts.flatMap((account) => (account ? [this.accountOf(account, consent)] : [])) },
      Links: { Self: this.responder.link('/aisp/accounts') },
      Meta: { TotalPages: 1 },
    });
  }

  @Get(':accountId')
  @ReadDocs('One account', { name: 'accountId', description: 'An AccountId from the list' })
  async one(
    @Principal() principal: VerifiedPrincipal,
    @Param('accountId') accountId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const consent = await this.consentOf(principal, 'ReadAccountsBasic', 'ReadAccountsDetail');
    requireSelectedAccount(consent, accountId);
    const account = await this.bank.account(accountId);
    await this.responder.send(reply, 200, {
      Data: { Account: account ? [this.accountOf(account, consent)] : [] },
      Links: { Self: this.responder.link(`/aisp/accounts/${accountId}`) },
      Meta: { TotalPages: 1 },
    });
  }

  @Get(':accountId/balances')
  @ReadDocs("The account's balances (ReadBalances)", {
    name: 'accountId',
    description: 'An AccountId from the list',
  })
  async balances(
    @Principal() principal: VerifiedPrincipal,
    @Param('accountId') accountId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const consent = await this.consentOf(principal, 'ReadBalances');
    requireSelectedAccount(consent, accountId);
    const balances = await this.bank.balancesOf(accountId);
    await this.responder.send(reply, 200, {
      Data: {
        Balance: balances.map((balance) => ({
          AccountId: balance.accountId,
          CreditDebitIndicator: balance.creditDebitIndicator,
          Type: balance.type,
          DateTime: balance.dateTime,
          Amount: { Amount: balance.amount, Currency: balance.currency },
        })),
      },
      Links: { Self: this.responder.link(`/aisp/accounts/${accountId}/balances`) },
      Meta: { TotalPages: 1 },
    });
  }

  @Get(':accountId/transactions')
  @ReadDocs("The account's transactions within the consent's window (ReadTransactions*)", {
    name: 'accountId',
    description: 'An AccountId from the list',
  })
  async transactions(
    @Principal() principal: VerifiedPrincipal,
    @Param('accountId') accountId: string,
    @Query('fromBookingDateTime') fromQuery: unknown,
    @Query('toBookingDateTime') toQuery: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const consent = await this.consentOf(principal, 'ReadTransactionsBasic', 'ReadTransactionsDetail');
    requireSelectedAccount(consent, accountId);
    const credits = consent.permissions.includes('ReadTransactionsCredits');
    const debits = consent.permissions.includes('ReadTransactionsDebits');
    const detail = consent.permissions.includes('ReadTransactionsDetail');
    // The consent's window bounds whatever the TPP asks for.
    const from = latest(
      dateOf(fromQuery, 'fromBookingDateTime'),
      optionalDate(consent.transactionFromDateTime),
    );
    const to = earliest(dateOf(toQuery, 'toBookingDateTime'), optionalDate(consent.transactionToDateTime));
    const entries = from && to && from > to ? [] : await this.bank.transactionsOf(accountId, { from, to });
    await this.responder.send(reply, 200, {
      Data: {
        Transaction: entries
          .filter((entry) => (entry.creditDebitIndicator === 'Credit' ? credits : debits))
          .map((entry) => transactionOf(entry, detail)),
      },
      Links: { Self: this.responder.link(`/aisp/accounts/${accountId}/transactions`) },
      Meta: {
        TotalPages: 1,
        ...(from ? { FirstAvailableDateTime: from.toISOString() } : {}),
        ...(to ? { LastAvailableDateTime: to.toISOString() } : {}),
      },
    });
  }

  private async consentOf(principal: VerifiedPrincipal, ...permissions: string[]): Promise<Consent> {
    if (principal.sub === principal.client_id) throw forbidden('Account data needs the PSU’s authorisation');
    const consent = await consentOfToken(this.consents, principal);
    requireAnyPermission(consent, ...permissions);
    return consent;
  }

  private accountOf(account: BankAccount, consent: Consent): object {
    const detail = consent.permissions.includes('ReadAccountsDetail');
    return {
      AccountId: account.accountId,
      Currency: account.currency,
      AccountType: account.accountType,
      AccountSubType: account.accountSubType,
      Nickname: account.nickname,
      ...(detail
        ? {
            Account: [
              {
                SchemeName: account.schemeName,
                Identification: account.identification,
                Name: account.holderName,
              },
            ],
          }
        : {}),
    };
  }
}

function transactionOf(entry: BankTransaction, detail: boolean): object {
  return {
    AccountId: entry.accountId,
    TransactionId: entry.transactionId,
    CreditDebitIndicator: entry.creditDebitIndicator,
    Status: entry.status,
    BookingDateTime: entry.bookingDateTime,
    ValueDateTime: entry.valueDateTime,
    Amount: { Amount: entry.amount, Currency: entry.currency },
    ...(detail ? { TransactionInformation: entry.transactionInformation } : {}),
  };
}

/** A booking date-time filter; one PostgreSQL cannot compare with (year 0, 10000…) is a 400, not a 500. */
function dateOf(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = obQueryDateTime(value);
  if (!parsed) throw badRequest('UK.OBIE.Field.InvalidDate', `${name} is not a date-time`, name);
  return parsed;
}

const optionalDate = (value: string | undefined) => (value ? new Date(value) : undefined);
const latest = (a?: Date, b?: Date) => (a && b ? (a > b ? a : b) : (a ?? b));
const earliest = (a?: Date, b?: Date) => (a && b ? (a < b ? a : b) : (a ?? b));
