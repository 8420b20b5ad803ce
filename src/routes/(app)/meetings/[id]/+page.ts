// Live pages open WebSockets from the browser; there is nothing useful to render on the server.
export const ssr = false;
