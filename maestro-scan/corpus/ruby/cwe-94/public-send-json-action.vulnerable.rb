class DeviceCommandsController < ApplicationController
  def create
    payload = JSON.parse(request.raw_post)
    device = current_user.devices.find(payload["device_id"])
    action = payload["action"]
    result = device.public_send(action, *Array(payload["args"]))
    render json: { ok: true, result: result }
  end
end
