// Vite's `?url` imports (a file emitted next to the bundle, its URL as a string).
declare module '*?url' {
  const url: string;
  export default url;
}
