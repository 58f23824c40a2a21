"""The project's compiled modules; everything else is in pyproject.toml.

* `gateway.mapping._fastread`: the child index in C (see its docstring), built against lxml's public C
  API, from the lxml version that pyproject.toml pins for both the build and the run.
* `gateway.names._fastcount`: the fuzzy index's count filter in C++ (see its docstring); it needs no
  headers beyond the C++ standard library.
"""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(
                "gateway.mapping._fastread",
                ["gateway/mapping/_fastread.pyx"],
                include_dirs=lxml.get_include(),
            ),
            Extension("gateway.names._fastcount", ["gateway/names/_fastcount.pyx"], language="c++"),
        ],
        compiler_directives={"language_level": "3"},
    )
)
