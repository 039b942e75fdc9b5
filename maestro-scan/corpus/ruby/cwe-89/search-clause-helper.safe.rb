class ArticlesController < ApplicationController
  def search
    @articles = Article.where(search_clause(params[:q])).order(published_at: :desc)
    render :index
  end

  private

  def search_clause(term)
    pattern = "%#{Article.sanitize_sql_like(term.to_s)}%"
    ["title ILIKE :p OR summary ILIKE :p", { p: pattern }]
  end
end
