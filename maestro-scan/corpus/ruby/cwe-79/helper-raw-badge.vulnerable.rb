module ProfilesHelper
  def badge(label)
    raw("<span class=\"badge\">#{label}</span>")
  end
end

class ProfilesController < ApplicationController
  include ProfilesHelper
  helper ProfilesHelper

  def preview
    render html: badge(params[:title])
  end
end
