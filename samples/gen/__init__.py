"""Generator modules for the sample set: data, designs, cards, captures, truth."""
