import { mount } from 'svelte';
import { appUpdate } from './app/update.svelte';
import App from './ui/App.svelte';
import './ui/styles.css';

appUpdate.watch();
mount(App, { target: document.getElementById('app')! });
