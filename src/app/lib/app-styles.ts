/**
 * The app's stylesheet is attached by index.html's boot script so that it blocks no paint (the boot
 * paint carries its own styles). React's screens need it: the first render waits until it has
 * arrived (or failed), never showing unstyled screens. In development Vite injects the styles
 * itself and there is no such link.
 */
export function appStylesReady(): Promise<void> {
  const link = document.querySelector<HTMLLinkElement>('link[data-app-styles]');
  if (!link || link.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
}
