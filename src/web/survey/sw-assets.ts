/**
 * Which cached survey assets the service worker may drop (sw.ts). Asset names carry a
 * content hash, so each new build adds new files and the old ones would stay in a cheap
 * phone's storage forever. An asset is kept while any cached copy of the survey page
 * (one per scope: /survei/ and each /r/{slug}/survei/) still names it, directly or through
 * a kept script or stylesheet (an imported chunk, a font in the CSS), so a page kept for
 * offline use never loses a file it needs.
 */

/** The /assets/… paths a page's HTML names (script src, stylesheet href, preloads). */
export function assetsOf(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
}

/** Assets a script or stylesheet in /assets/ refers to: "./chunk-abc.js", url(/assets/font.woff2). */
export function referencedBy(text: string): string[] {
  return [...text.matchAll(/(?:\.\/|\/assets\/)([\w-]+(?:\.[\w-]+)*\.(?:js|css|woff2?|ttf|png|svg|webp|jpg))/g)].map((m) => `/assets/${m[1]}`);
}

/**
 * Cached /assets/ paths that no cached page needs any more. `assetText` gives the text of
 * a cached script or stylesheet (undefined for others), to follow what it refers to.
 */
export function staleAssets(cachedPaths: string[], pagesHtml: string[], assetText: (path: string) => string | undefined = () => undefined): string[] {
  const needed = new Set<string>();
  const todo = pagesHtml.flatMap(assetsOf);
  while (todo.length) {
    const p = todo.pop()!;
    if (needed.has(p)) continue;
    needed.add(p);
    const text = assetText(p);
    if (text) todo.push(...referencedBy(text));
  }
  return cachedPaths.filter((p) => p.startsWith('/assets/') && !needed.has(p));
}
