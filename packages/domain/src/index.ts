export * from './enterprise/credit-code.ts';
