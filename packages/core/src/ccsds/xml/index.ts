/** NDM/XML reading helpers shared by the message readers: an element tree with line numbers. */
export * from './tree.ts';
