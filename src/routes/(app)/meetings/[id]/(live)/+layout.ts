// The server renders these pages so that their loads answer with the real status (404 for
// another PCN's meeting or an id that is none, 410 once cancelled): with `ssr = false` SvelteKit
// sends a 200 shell before any load runs and the browser shows the error. What the pages
// render opens WebSockets, so it waits for the browser (+layout.svelte).
export const ssr = true;
