class ThumbnailsController < ApplicationController
  def create
    upload = params.require(:image)
    source = Rails.root.join("tmp", "uploads", upload.original_filename).to_s
    File.binwrite(source, upload.read)
    target = source.sub(/\.\w+\z/, "_thumb.png")
    ok = system("convert #{source} -resize 200x200 #{target}")
    ok ? render(json: { thumb: File.basename(target) }) : head(:unprocessable_entity)
  end
end
