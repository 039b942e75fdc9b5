class InvoicesController < ApplicationController
  def show
    invoice_id = params[:id]
    sql = "SELECT invoices.*, customers.name AS customer_name " \
          "FROM invoices JOIN customers ON customers.id = invoices.customer_id " \
          "WHERE invoices.id = " + invoice_id
    @invoice = Invoice.find_by_sql(sql).first
    raise ActiveRecord::RecordNotFound unless @invoice
    render :show
  end
end
