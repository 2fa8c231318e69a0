// The baseline of the canvas bench: a bare @xyflow/svelte canvas with default nodes and edges,
// the same count and placement as the app's bench design.
import { mount } from 'svelte';
import Bare from './Bare.svelte';

mount(Bare, { target: document.getElementById('app')! });
