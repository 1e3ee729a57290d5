import { describe, expect, it } from 'vitest';
import { combineGlobs, enabledGlobs, expandBraces } from '../../src/services/library/glob-patterns';

describe('exclude patterns from settings', () => {
  it('takes the patterns switched on, not those switched off or depending on siblings', () => {
    expect(enabledGlobs({ '**/.git': true, '**/build': false, '**/*.js': { when: '$(basename).ts' }, '': true })).toEqual(['**/.git']);
    expect(enabledGlobs(undefined)).toEqual([]);
    expect(enabledGlobs(['**/x'])).toEqual([]);
  });

  it('expands groups, nested ones too, since VS Code globs cannot nest them', () => {
    expect(expandBraces('**/node_modules/**')).toEqual(['**/node_modules/**']);
    expect(expandBraces('**/*.{log,tmp}')).toEqual(['**/*.log', '**/*.tmp']);
    expect(expandBraces('{a,b}/{c,d}')).toEqual(['a/c', 'a/d', 'b/c', 'b/d']);
    expect(expandBraces('x/{a,{b,c}}')).toEqual(['x/a', 'x/b', 'x/c']);
    expect(expandBraces('unclosed/{a,b')).toEqual(['unclosed/{a,b']);
    const huge = '{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}';
    expect(expandBraces(huge)).toEqual([huge]);
  });

  it('makes one pattern of many, or none', () => {
    expect(combineGlobs([])).toBeUndefined();
    expect(combineGlobs(['', '  '])).toBeUndefined();
    expect(combineGlobs(['**/.git'])).toBe('**/.git');
    expect(combineGlobs(['**/.git', '**/*.{log,tmp}', '**/.git'])).toBe('{**/.git,**/*.log,**/*.tmp}');
  });
});
