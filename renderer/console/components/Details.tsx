import type { LookupInfo } from '../../../shared/protocol/types.js';

/** Name and DXCC entity of a callsign, from its lookup data. */
export function lookupSummary(qrz: LookupInfo | null | undefined): {
  name: string | null;
  entity: string | null;
} {
  if (!qrz) return { name: null, entity: null };
  return { name: qrz.name, entity: qrz.dxcc?.entity ?? qrz.dxcc_name };
}

export function LookupLine({ qrz, className }: { qrz: LookupInfo | null | undefined; className?: string }) {
  const { name, entity } = lookupSummary(qrz);
  if (!name && !entity) return <span className={`muted ${className ?? ''}`}>No lookup details</span>;
  return (
    <span className={className}>
      {name && <span className="lookup-name">{name}</span>}
      {name && entity && <span className="sep"> · </span>}
      {entity && <span className="lookup-entity">{entity}</span>}
    </span>
  );
}
