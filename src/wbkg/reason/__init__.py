"""OWL reasoning: HermiT (hermit.py) for consistency and entailments, the OWL RL rules the build checks on the
whole store (clashes.py) and materialises for `wbkg query --inferred` (rules.py)."""
