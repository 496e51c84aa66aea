import type { Component } from 'svelte';
import SignInPage from './auth/SignInPage.svelte';
import SignUpPage from './auth/SignUpPage.svelte';
import CognitoCallbackPage from './auth/CognitoCallbackPage.svelte';
import SettingsPage from './settings/SettingsPage.svelte';
import AgentsPage from './agents/AgentsPage.svelte';
import SourcesPage from './sources/SourcesPage.svelte';
import AddSourcePage from './sources/new/AddSourcePage.svelte';
import SourcePage from './sources/source/SourcePage.svelte';
import EditSourcePage from './sources/edit/EditSourcePage.svelte';
import GoogleCallbackPage from './connect/GoogleCallbackPage.svelte';
import NotFoundPage from './NotFoundPage.svelte';
import TracePage from './trace/TracePage.svelte';
import SharedClipPage from './share/SharedClipPage.svelte';
import { matchPath, type PageParams } from '../lib/matchPath';

export type { PageParams };

export interface Page {
  component: Component<{ params: PageParams }>;
  title: string;
  /** Needs a signed-in user; otherwise the app sends them to sign in first. */
  signedIn: boolean;
  /** Sign-in and sign-up: a signed-in user is sent on to where they were going. */
  guestOnly?: boolean;
}

/** A page without path parameters simply ignores the `params` prop it is given. */
const plain = (component: Component): Page['component'] => component as unknown as Page['component'];

export type Resolved = { page: Page; params: PageParams } | { redirect: string };

/** Checked in order; `:name` matches one path segment. */
const pages: ReadonlyArray<[pattern: string, page: Page]> = [
  ['/sign-in', { component: plain(SignInPage), title: 'Sign in', signedIn: false, guestOnly: true }],
  ['/sign-up', { component: plain(SignUpPage), title: 'Create your account', signedIn: false, guestOnly: true }],
  ['/auth/callback', { component: plain(CognitoCallbackPage), title: 'Signing in', signedIn: false }],
  ['/settings', { component: plain(SettingsPage), title: 'Settings', signedIn: true }],
  ['/agents', { component: plain(AgentsPage), title: 'Agents', signedIn: true }],
  ['/sources', { component: plain(SourcesPage), title: 'Sources', signedIn: true }],
  ['/sources/new', { component: plain(AddSourcePage), title: 'Add source', signedIn: true }],
  ['/sources/:id', { component: SourcePage, title: 'Source', signedIn: true }],
  ['/sources/:id/edit', { component: EditSourcePage, title: 'Edit source', signedIn: true }],
  ['/trace', { component: plain(TracePage), title: 'Find an order', signedIn: true }],
  // A share link's page: no sign-in, and a signed-in user sees it the same way.
  ['/share/:token', { component: SharedClipPage, title: 'Packing video', signedIn: false }],
  ['/connect/google/callback', { component: plain(GoogleCallbackPage), title: 'Connecting Google Drive', signedIn: true }],
];

const notFound: Page = { component: plain(NotFoundPage), title: 'Page not found', signedIn: false };

export function resolve(path: string): Resolved {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (normalized === '/') return { redirect: '/sources' };
  for (const [pattern, page] of pages) {
    const params = matchPath(pattern, normalized);
    if (params) return { page, params };
  }
  return { page: notFound, params: {} };
}
