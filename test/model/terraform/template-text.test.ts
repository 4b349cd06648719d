import { confineTemplateText, escapeTemplateText, templateSequences, unescapeTemplateText } from '../../../model/terraform/template-text';

describe('Terraform template text', () => {
  test('finds what Terraform evaluates: one $ or % before {, not two or more (HCL escapes)', () => {
    expect(templateSequences('a ${var.x} b').map((sequence) => sequence.text)).toEqual(['${var.x}']);
    expect(templateSequences('%{ if true }x%{ endif }').map((sequence) => [sequence.kind, sequence.expression])).toEqual([['%', ' if true '], ['%', ' endif ']]);
    expect(templateSequences('$${literal} %%{literal} $$${literal}')).toEqual([]);
    // `$` then `%{`: the `$` is text, the directive is evaluated.
    expect(templateSequences('$%{ if x }').map((sequence) => sequence.text)).toEqual(['%{ if x }']);
    expect(templateSequences('${not closed').map((sequence) => sequence.text)).toEqual(['${not closed']);
  });

  test('escaping and unescaping give the text back, and nothing is evaluated in between', () => {
    for (const text of ['${file("/etc/passwd")}', '%{ for x in y }', '$${a}', '$$${b}', '%%%{c}', 'a$', '{${}}', '$%{x}']) {
      const escaped = escapeTemplateText(text);
      expect(templateSequences(escaped)).toEqual([]);
      expect(unescapeTemplateText(escaped)).toBe(text);
    }
  });

  test('confines a config string: kept references replaced, escapes left, any other sequence escaped', () => {
    const keep = (expression: string) => (expression === 'var.key' ? '${TfToken[TOKEN.1]}' : undefined);
    expect(confineTemplateText('k=${var.key} f=${file("x")} d=%{ if 1 }y $${lit} %%{lit}', keep))
      .toBe('k=${TfToken[TOKEN.1]} f=$${file("x")} d=%%{ if 1 }y $${lit} %%{lit}');
    expect(templateSequences(confineTemplateText('$$${file("x")} ${open', () => undefined))).toEqual([]);
  });
});
