/**
 * The derivation (`--steps`) as the page shows it, from batch's `steps` JSON: for a
 * gradient, each step dL = tr(G_vᵀ dv) with the identities cited (the CLI's text lines);
 * for a Jacobian, the differential and its vectorisation; for a Hessian, the gradient it
 * is the Jacobian of.
 */
interface GradStep {
  name: string;
  symbol: string;
  relation: string;
  value: string;
  identities: string[];
  rules: string[];
}

function item(formula: string, notes: readonly string[]): HTMLLIElement {
  const li = document.createElement('li');
  const f = document.createElement('p');
  f.className = 'formula';
  f.textContent = formula;
  li.append(f);
  for (const n of notes) {
    const p = document.createElement('p');
    p.className = 'cite';
    p.textContent = n;
    li.append(p);
  }
  return li;
}

const by = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => `by ${id}`);
const rules = (rs: readonly string[] | undefined) => (rs?.length ? [`simplified by: ${rs.join(', ')}`] : []);

export function stepsView(answer: Record<string, unknown>, op: string, f: string): Node[] {
  const steps = answer.steps as Record<string, unknown>[] | undefined;
  if (!Array.isArray(steps)) {
    const p = document.createElement('p');
    p.className = 'muted';
    p.textContent = ['grad', 'jacobian', 'hessian'].includes(op) ? 'Tick “Show the derivation” to see it.' : `The derivation is shown for grad, jacobian and hessian, not for ${op}.`;
    return [p];
  }
  const ol = document.createElement('ol');
  for (const s of steps) {
    if ('symbol' in s) {
      const g = s as unknown as GradStep;
      const value = g.value !== g.relation ? ` = ${g.value}` : '';
      ol.append(item(`d${f} = tr(${g.symbol}ᵀ d${g.name}),  with ${g.symbol} = ∂${f}/∂${g.name} = ${g.relation}${value}`, [...by(g.identities), ...rules(g.rules)]));
    } else if ('differential' in s) {
      ol.append(item(`the differential: ${s.differential}`, by(s.identities as string[])));
    } else if ('jacobian' in s) {
      ol.append(item(`vectorised: J = ${s.jacobian}`, [...by(s.identities as string[]), ...rules(s.rules as string[])]));
    } else if ('gradient' in s) {
      ol.append(item(`the Hessian is the Jacobian of the gradient G = ${s.gradient}`, ['vec(dG) = H vec(dX), by vec(AXB) = (Bᵀ ⊗ A) vec(X)']));
    }
  }
  return [ol];
}
