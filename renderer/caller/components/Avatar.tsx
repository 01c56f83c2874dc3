import { useState } from 'react';
import { safeImageUrl } from '../format.js';

/** The lookup's photo when there is one and it loads; otherwise the callsign's first letters. */
export function Avatar({
  image,
  callsign,
  size,
}: {
  image: string | null;
  callsign: string;
  size: 'small' | 'large';
}) {
  const url = safeImageUrl(image);
  const [failed, setFailed] = useState<string | null>(null);
  if (url && failed !== url) {
    return (
      <img
        className={`avatar avatar-${size}`}
        src={url}
        alt={`Photo of ${callsign}`}
        loading="lazy"
        referrerPolicy="no-referrer"
        onError={() => setFailed(url)}
      />
    );
  }
  return (
    <span className={`avatar avatar-${size} avatar-initials`} aria-hidden="true">
      {callsign.slice(0, 2)}
    </span>
  );
}
