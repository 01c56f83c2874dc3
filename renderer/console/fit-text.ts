import { useLayoutEffect, useRef } from 'react';

/**
 * Fits one line of text to its box: starts at `maxPx` and shrinks the font (never below `minPx`) until the text
 * no longer overflows the element's width, again whenever the text or the box's size changes. The element must
 * be `white-space: nowrap` so that the text never breaks inside a word (a callsign).
 */
export function useFitText<E extends HTMLElement>(text: string, maxPx: number, minPx: number) {
  const ref = useRef<E>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fit = (): void => {
      element.style.fontSize = `${maxPx}px`;
      const available = element.clientWidth;
      const needed = element.scrollWidth;
      if (needed <= available || available === 0) return;
      let size = Math.max(minPx, Math.floor((maxPx * available) / needed));
      element.style.fontSize = `${size}px`;
      // letter spacing and rounding can leave a pixel or two over: step down until it fits
      while (size > minPx && element.scrollWidth > element.clientWidth) {
        size -= 1;
        element.style.fontSize = `${size}px`;
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text, maxPx, minPx]);
  return ref;
}
