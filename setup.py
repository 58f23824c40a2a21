"""The project's one compiled module, `gateway.mapping._fastread` (the child index in C, see its
docstring); everything else is in pyproject.toml. It is built against lxml's public C API, from the
lxml version that pyproject.toml pins for both the build and the run."""

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
            )
        ],
        compiler_directives={"language_level": "3"},
    )
)
