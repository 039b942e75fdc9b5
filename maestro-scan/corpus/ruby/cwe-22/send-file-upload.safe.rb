class AttachmentsController < ApplicationController
  def show
    name = File.basename(params[:name].to_s)
    path = Rails.root.join("storage", "attachments", name)
    return head(:not_found) unless File.exist?(path)
    send_file path, disposition: "attachment"
  end
end
