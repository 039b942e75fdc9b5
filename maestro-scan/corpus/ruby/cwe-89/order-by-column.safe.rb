class ProductsController < ApplicationController
  SORTABLE = %w[name price created_at].freeze

  def index
    column = params.fetch(:sort, "name")
    column = "name" unless SORTABLE.include?(column)
    direction = params[:dir] == "desc" ? "DESC" : "ASC"
    @products = Product.where(published: true)
                       .order("#{column} #{direction}")
                       .limit(50)
    render :index
  end
end
