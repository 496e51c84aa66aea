import type { Component } from 'svelte';
import SignInPage from './auth/SignInPage.svelte';
import SignUpPage from './auth/SignUpPage.svelte';
import SourcesPage from './sources/SourcesPage.svelte';
import AddSourcePage from './sources/new/AddSourcePage.svelte';
import NotFoundPage from './NotFoundPage.svelte';

export interface Page {
  component: Component;
  title: string;
  /** Needs a signed-in user; otherwise the app sends them to sign in first. */
  signedIn: boolean;
  /** Sign-in and sign-up: a signed-in user is sent on to where they were going. */
  guestOnly?: boolean;
}

export type Resolved = { page: Page } | { redirect: string };

const pages: Record<string, Page> = {
  '/sign-in': { component: SignInPage, title: 'Sign in', signedIn: false, guestOnly: true },
  '/sign-up': { component: SignUpPage, title: 'Create your account', signedIn: false, guestOnly: true },
  '/sources': { component: SourcesPage, title: 'Sources', signedIn: true },
  '/sources/new': { component: AddSourcePage, title: 'Add source', signedIn: true },
};

const notFound: Page = { component: NotFoundPage, title: 'Page not found', signedIn: false };

export function resolve(path: string): Resolved {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (normalized === '/') return { redirect: '/sources' };
  return { page: pages[normalized] ?? notFound };
}
