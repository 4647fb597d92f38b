// One catalogue per module; add a line when a module adds its messages.
export { generic } from './generic.ts';
