"""The reader pane: the view showing one article, its HTML, find in article and the find bar."""
