# Developer shortcuts; CI runs .ci/run.
.PHONY: regenerate

# The suite runs against the installed wheel, not the checkout: reinstall it first.
regenerate:  ## rebuild generated/ from specs/ with the checkout's aiosdkgen
	.venv/bin/python -m pip install --quiet --no-deps .
	for spec in specs/*.yaml; do \
		.venv/bin/aiosdkgen generate $$spec -o generated/$$(basename $$spec .yaml) || exit 1; \
	done
