import { mount } from 'svelte';
// First: decides the language (and sets <html lang>) before anything is drawn.
import './lib/i18n/locale';
import App from './App.svelte';
import './app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

mount(App, { target });
