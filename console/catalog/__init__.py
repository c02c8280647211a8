"""The item catalog (审批事项) with its six disclosures: browsing, files, upkeep, the public guide."""
