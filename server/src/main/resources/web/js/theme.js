// Light or dark: the system's choice (prefers-color-scheme) until the person picks one with the toggle;
// the pick is remembered in localStorage (it is not secret) and applied as <html data-theme>.
const KEY = 'tandem.theme';
const system = window.matchMedia('(prefers-color-scheme: dark)');

export function currentTheme() {
  return document.documentElement.dataset.theme;
}

function apply(button) {
  const chosen = localStorage.getItem(KEY);
  const theme = chosen === 'light' || chosen === 'dark' ? chosen : system.matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
  button.setAttribute('aria-pressed', String(theme === 'dark'));
  const label = theme === 'dark' ? 'Light theme' : 'Dark theme';
  button.textContent = theme === 'dark' ? '☀' : '☾';
  button.setAttribute('aria-label', label);
  button.title = label;
}

export function setUpTheme(button) {
  apply(button);
  system.addEventListener('change', () => apply(button));
  button.addEventListener('click', () => {
    localStorage.setItem(KEY, currentTheme() === 'dark' ? 'light' : 'dark');
    apply(button);
  });
}
