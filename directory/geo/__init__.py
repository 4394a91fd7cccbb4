"""Placing an organisation: the national address service's client and the point/arrondissement
logic on save. The reference geography itself (arrondissements, postcodes, distances) is the
project-wide `geography` package."""
