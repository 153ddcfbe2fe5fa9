export { coverage } from './coverage';
export { selectCoverage } from './select';
