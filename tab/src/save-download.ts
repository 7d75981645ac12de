import type { Download } from './api-client';

/**
 * Hands a file the API answered with to the browser as a download.
 * @remarks The file was fetched with the caller's identity (a bearer token in Teams), so a plain link would not do:
 * the blob gets an object URL, a temporary `<a download>` is clicked, and the URL is revoked a little later.
 */
export function saveDownload(download: Download): void {
  const url = URL.createObjectURL(download.blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = download.filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
