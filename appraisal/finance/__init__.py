"""Finance: cost profiles, discounting, prices and optimism bias."""
