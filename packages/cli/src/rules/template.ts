/**
 * Prometheus (and Grafana) expand alert labels and annotations as Go templates, so a `{{` in a value from the
 * config would open an action: with anything unexpected after it the rule file is refused, and one refused file
 * stops Prometheus loading every rule. An action that prints the two braces as a string keeps the text as written.
 */
export function templateLiteral(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}
