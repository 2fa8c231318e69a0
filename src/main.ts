import { mount } from 'svelte';
import { appUpdate } from './app/update.svelte';
import App from './ui/App.svelte';
import { loadOpeningParts } from './ui/later';
import './ui/styles.css';

appUpdate.watch();
// The parts the page shows at once are loaded before it is drawn, so the first screen is whole.
// One that cannot be loaded is tried again, and reported, where it is shown.
void loadOpeningParts()
  .catch(() => undefined)
  .then(() => mount(App, { target: document.getElementById('app')! }));
