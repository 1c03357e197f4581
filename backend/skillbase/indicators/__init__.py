"""Indicators against targets (issue 10, part C): the figures counted from accepted reports, per month and per construction
year, against a base's frozen commitments; the administrators' register of every base; the charts' series."""
