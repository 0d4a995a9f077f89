/**
 * Master data a source system may send in its own format: for each (source, type) the published
 * inbound spec that maps it, the role the source plays in the firm's system landscape (checked
 * against the type's authoritative system), and how its objects are reconciled with stored ones.
 */
export interface InboundMasterDataType {
  specId: string;
  /** Bindings a caller may set through query parameters; a binding left out is taken from the stored object's field of the same name. */
  bindings: readonly string[];
  /** Fields the source does not hold: an update keeps them from the stored object. */
  keep: readonly string[];
  /** Ids the spec derives from the source's own ids (`harvest-client-N`), resolved to the object that carries that external ref. */
  references: readonly { field: string; type: string; prefix: string }[];
}

export interface InboundMasterDataSource {
  source: string;
  /** The system role the source writes as; the master-data service refuses types another role owns. */
  role: string;
  types: Readonly<Record<string, InboundMasterDataType>>;
}

export const INBOUND_MASTER_DATA_SOURCES: readonly InboundMasterDataSource[] = [
  {
    // Harvest is the firm's PSA: authoritative for projects. Customers belong to the CRM (HubSpot in the
    // demo firm), so Harvest clients are refused with SOURCE_NOT_AUTHORITATIVE rather than forking them.
    source: 'harvest',
    role: 'psa',
    types: {
      customer: { specId: 'harvest-client', bindings: ['countryCode', 'paymentTermsDays', 'currency', 'legalEntityId'], keep: ['billingAddress', 'billingEmail', 'taxRegistrationNumber', 'taxExempt'], references: [] },
      project: {
        specId: 'harvest-project', bindings: ['legalEntityId', 'currency'], keep: ['contractId', 'costCenterId', 'projectManagerId', 'serviceType'],
        references: [{ field: 'customerId', type: 'customer', prefix: 'harvest-client-' }],
      },
    },
  },
];

export function inboundMasterDataSource(source: string): InboundMasterDataSource | undefined {
  return INBOUND_MASTER_DATA_SOURCES.find((s) => s.source === source);
}

/** The source's own id of a native record, read before mapping so a stored object can be found. */
export function nativeId(record: unknown): string | null {
  const id = record && typeof record === 'object' ? (record as Record<string, unknown>).id : undefined;
  return typeof id === 'number' || (typeof id === 'string' && id.length > 0) ? String(id) : null;
}
