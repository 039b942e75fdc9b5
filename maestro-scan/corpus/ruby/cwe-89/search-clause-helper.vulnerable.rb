class ArticlesController < ApplicationController
  def search
    @articles = Article.where(search_clause(params[:q])).order(published_at: :desc)
    render :index
  end

  private

  def search_clause(term)
    "title ILIKE '%#{term}%' OR summary ILIKE '%#{term}%'"
  end
end
