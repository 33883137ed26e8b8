"""Execution engines for corpus runs besides the default local process pool (``newsevents.batch``).

``dask_engine`` runs the same pipeline on a Dask cluster; it is the only module that imports dask, which is an
optional extra (``pip install 'newsevents[dask]'``).
"""
