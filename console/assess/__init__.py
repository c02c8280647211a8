"""Assessment (考核): rules, monthly scores, quarterly awards, stars, ratings, reviews, on-site days."""
