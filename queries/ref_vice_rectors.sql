-- Vice-rector portfolios with their Azerbaijani and English names.
SELECT key, name_az, name_en FROM vice_rectors ORDER BY key
