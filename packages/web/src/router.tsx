import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/**
 * The app's few screens by path, through the History API: real addresses that can be shared
 * and reloaded (the HQ answers every non-API path with the page).
 */
export const PATHS = {
  overview: '/',
  track: '/track',
  signIn: '/sign-in',
  audit: '/audit',
  tryBallot: '/try',
  devices: '/devices',
  incidents: '/incidents',
  supplies: '/supplies',
  voterSpeed: '/speed',
  staff: '/staff',
  mobile: '/mobile',
} as const;

export type Screen = keyof typeof PATHS | 'notFound';

export function screenOf(pathname: string): Screen {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [screen, at] of Object.entries(PATHS)) if (at === path) return screen as Screen;
  return 'notFound';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
  };
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function Link(props: { to: string; children: ReactNode; className?: string }) {
  const current = usePathname() === props.to;
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window (modifier keys, middle button) is the browser's to open.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a
      href={props.to}
      onClick={follow}
      aria-current={current ? 'page' : undefined}
      className={props.className}
    >
      {props.children}
    </a>
  );
}
