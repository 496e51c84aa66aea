import type { Component } from 'svelte';
import SignInPage from './auth/SignInPage.svelte';
import SignUpPage from './auth/SignUpPage.svelte';
import ForgotPasswordPage from './auth/ForgotPasswordPage.svelte';
import SettingsPage from './settings/SettingsPage.svelte';
import AgentsPage from './agents/AgentsPage.svelte';
import CamerasPage from './cameras/CamerasPage.svelte';
import SourcesPage from './sources/SourcesPage.svelte';
import AddSourcePage from './sources/new/AddSourcePage.svelte';
import SourcePage from './sources/source/SourcePage.svelte';
import EditSourcePage from './sources/edit/EditSourcePage.svelte';
import GoogleCallbackPage from './connect/GoogleCallbackPage.svelte';
import NotFoundPage from './NotFoundPage.svelte';
import TracePage from './trace/TracePage.svelte';
import SharedClipPage from './share/SharedClipPage.svelte';
import TeamPage from './team/TeamPage.svelte';
import AuditPage from './audit/AuditPage.svelte';
import JoinPage from './join/JoinPage.svelte';
import UsagePage from './usage/UsagePage.svelte';
import { matchPath, type PageParams } from '../lib/matchPath';
import { m } from '../paraglide/messages.js';

export type { PageParams };

export interface Page {
  component: Component<{ params: PageParams }>;
  /** The page's name in the app's language (document title). */
  title: () => string;
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
  ['/sign-in', { component: plain(SignInPage), title: m.page_sign_in, signedIn: false, guestOnly: true }],
  ['/sign-up', { component: plain(SignUpPage), title: m.page_sign_up, signedIn: false, guestOnly: true }],
  ['/forgot-password', { component: plain(ForgotPasswordPage), title: m.page_forgot_password, signedIn: false, guestOnly: true }],
  ['/settings', { component: plain(SettingsPage), title: m.page_settings, signedIn: true }],
  ['/agents', { component: plain(AgentsPage), title: m.page_agents, signedIn: true }],
  ['/cameras', { component: plain(CamerasPage), title: m.page_cameras, signedIn: true }],
  ['/sources', { component: plain(SourcesPage), title: m.page_sources, signedIn: true }],
  ['/sources/new', { component: plain(AddSourcePage), title: m.page_add_source, signedIn: true }],
  ['/sources/:id', { component: SourcePage, title: m.page_source, signedIn: true }],
  ['/sources/:id/edit', { component: EditSourcePage, title: m.page_edit_source, signedIn: true }],
  ['/trace', { component: plain(TracePage), title: m.page_find_order, signedIn: true }],
  ['/usage', { component: plain(UsagePage), title: m.page_storage, signedIn: true }],
  // A share link's page: no sign-in, and a signed-in user sees it the same way.
  ['/share/:token', { component: SharedClipPage, title: m.page_packing_video, signedIn: false }],
  ['/team', { component: plain(TeamPage), title: m.page_team, signedIn: true }],
  ['/audit', { component: plain(AuditPage), title: m.page_audit, signedIn: true }],
  // An invite link (local mode): the invitee has no account yet.
  ['/join/:token', { component: JoinPage, title: m.page_join, signedIn: false }],
  ['/connect/google/callback', { component: plain(GoogleCallbackPage), title: m.page_connecting_google, signedIn: true }],
];

const notFound: Page = { component: plain(NotFoundPage), title: m.page_not_found, signedIn: false };

export function resolve(path: string): Resolved {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (normalized === '/') return { redirect: '/sources' };
  for (const [pattern, page] of pages) {
    const params = matchPath(pattern, normalized);
    if (params) return { page, params };
  }
  return { page: notFound, params: {} };
}
