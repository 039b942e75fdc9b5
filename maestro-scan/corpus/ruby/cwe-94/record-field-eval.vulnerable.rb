class ExportController < ApplicationController
  COLUMNS = %w[id email name created_at].freeze

  def column
    field = params[:field]
    values = current_account.users.map { |record| eval("record.#{field}") }
    render json: values
  end
end
