/**
 * Hands text to the browser (or Electron's window) as a download: Electron asks where to save
 * it, a browser saves it to its downloads folder.
 */
export function saveTextFile(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is only needed for that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
