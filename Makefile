# Developer shortcuts; CI runs .ci/run.
.PHONY: regenerate

regenerate:  ## rebuild generated/ from specs/
	for spec in specs/*.yaml; do \
		aiosdkgen generate $$spec -o generated/$$(basename $$spec .yaml) --overwrite || exit 1; \
	done
